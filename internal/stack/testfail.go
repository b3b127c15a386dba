package stack

// A test fails through testing.(*common).Fail: Error and Errorf are Log then Fail, Fatal and
// Fatalf are Log then FailNow, FailNow calls Fail (b. and f. alike, (*F).Fail too). Fail first
// calls the parent test's Fail, up to the root of the test binary, so a failure puts a chain
// of Fail frames on the stack, the failing test's own outermost.

// failFunction is the function every test failure goes through.
const failFunction = "testing.(*common).Fail"

// testRunner is the testing package's function that calls a test function (common.runner).
const testRunner = "testing.tRunner"

// loggingFailures are the testing functions that log the failure's message just before
// failing: it is the last entry of the test's output.
var loggingFailures = map[string]bool{
	"testing.(*common).Error":  true,
	"testing.(*common).Errorf": true,
	"testing.(*common).Fatal":  true,
	"testing.(*common).Fatalf": true,
}

// Failure is a test failure as the stack shows it at testing.(*common).Fail.
type Failure struct {
	// Receiver is the index of the outermost Fail frame: its receiver is the failing test's
	// own testing.common (the inner ones are its parents').
	Receiver int
	// Caller is the index of the first frame outside the testing package: the code that called
	// t.Errorf, t.Fatal, t.Fail...
	Caller int
	// Site is the index of the frame whose line the failure message names: Caller, or, when
	// Caller is a helper (t.Helper), the first caller that is not one.
	Site int
	// Logged reports that Error, Errorf, Fatal or Fatalf logged the failure's message just
	// before: it is the last entry of the test's output.
	Logged bool
}

// TestFailure reads a stop at testing.(*common).Fail (frames[0]). ok is false when it is not
// a failure of the program's own: the testing package failing a test that panicked (the panic
// stop follows) or one it failed itself (a race report, a misused FailNow). isHelper reports
// whether a function is marked as a helper (t.Helper) of the failing test.
//
// Site follows the rule by which testing names the failing line (common.frameSkip): from the
// caller of the testing package's function, the first frame whose function is not a helper;
// when every frame up to testing.tRunner is a helper, the test function. Go goes on from there
// into a parent test's t.Run call, and from a Cleanup function to where it was registered,
// which are other goroutines' or past stacks; pdbgo keeps to the frames on this stack, and
// never names a frame of the testing package itself (a t.TempDir that fails names the line
// that called it).
func TestFailure(frames []Frame, isHelper func(function string) bool) (Failure, bool) {
	var f Failure
	i := 0
	for i < len(frames) && frames[i].Function == failFunction {
		i++
	}
	if i == 0 {
		return f, false
	}
	f.Receiver = i - 1
	for i < len(frames) && PackageOf(frames[i].Function) == "testing" {
		if loggingFailures[frames[i].Function] {
			f.Logged = true
		}
		i++
	}
	if i == len(frames) || IsHidden(frames[i]) {
		return f, false
	}
	f.Caller, f.Site = i, i
	prev := i
	for j := i; j < len(frames); j++ {
		fr := frames[j]
		switch {
		case IsHidden(fr):
			continue // runtime.gopanic (frameSkip skips it), wrappers
		case fr.Function == testRunner, PackageOf(fr.Function) == "testing":
			// Every frame up to the runner was a helper: the test function is named.
			f.Site = prev
			return f, true
		case !isHelper(fr.Function):
			f.Site = j
			return f, true
		}
		prev = j
	}
	return f, true
}

// testingEnd returns the index of the first frame below the testing package's frames when the
// program stopped at a test failure (testing.(*common).Fail), else 0: the view starts at the
// code that failed the test, as a panic's starts below the runtime's frames.
func testingEnd(frames []Frame) int {
	if len(frames) == 0 || frames[0].Function != failFunction {
		return 0
	}
	i := 0
	for i < len(frames) && PackageOf(frames[i].Function) == "testing" {
		i++
	}
	if i == len(frames) {
		return 0
	}
	return i
}
