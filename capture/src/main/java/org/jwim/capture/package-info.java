/**
 * The front door: {@link org.jwim.capture.Capture} (a directory, a raw volume or a disk into a
 * WIM) and {@link org.jwim.capture.Apply} (an image to a directory, a raw volume or a disk).
 */
package org.jwim.capture;
