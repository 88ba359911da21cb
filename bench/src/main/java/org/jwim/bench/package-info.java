/** JMH benchmarks: codecs, volume readers and end-to-end capture. */
package org.jwim.bench;
