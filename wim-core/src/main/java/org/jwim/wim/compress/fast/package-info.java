/**
 * jwim-only fast codecs (LZ4, Zstandard) behind non-standard WIM header flags. wimlib and DISM
 * cannot read WIMs that use them; they exist for fast local round trips and benchmarks.
 */
package org.jwim.wim.compress.fast;
