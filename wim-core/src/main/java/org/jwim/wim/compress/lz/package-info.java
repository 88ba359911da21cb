/** Pieces shared by the LZ-family chunk codecs: canonical Huffman code construction and decoding tables. */
package org.jwim.wim.compress.lz;
