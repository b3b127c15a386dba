//go:build !race

package session

// raceDetector reports whether the tests run under the race detector.
const raceDetector = false
