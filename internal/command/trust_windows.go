package command

import (
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// untrusted says why an open file is not the user's own to trust, "" when it is: on Windows,
// when its owner (from its security descriptor) is not the user pdbgo runs as. Who else may
// write to it is in its access list, which pdbgo does not read; mode bits say nothing there.
func untrusted(f *os.File, _ fs.FileInfo) string {
	sd, err := windows.GetSecurityInfo(windows.Handle(f.Fd()), windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return "its owner cannot be known (" + err.Error() + ")"
	}
	owner, _, err := sd.Owner()
	if err != nil || owner == nil {
		return "its owner cannot be known"
	}
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "who you are cannot be known (" + err.Error() + ")"
	}
	if !owner.Equals(user.User.Sid) {
		return "it belongs to " + owner.String() + ", not to you (" + user.User.Sid.String() + ")"
	}
	return ""
}
