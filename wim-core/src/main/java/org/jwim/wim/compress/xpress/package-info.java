/**
 * XPRESS (LZ77 + Huffman, [MS-XCA]) chunk codec as used in WIM resources; internal, reached
 * through {@link org.jwim.wim.compress.Codecs}.
 */
package org.jwim.wim.compress.xpress;
