/**
 * LZMS chunk decoder (range coder + adaptive Huffman codes + x86 filter) for WIM/ESD
 * resources; internal, reached through {@link org.jwim.wim.compress.Codecs}.
 */
package org.jwim.wim.compress.lzms;
