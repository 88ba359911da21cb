/** Capture and apply facades: volume sources, apply targets and their orchestration. */
package org.jwim.capture;
