// Command cgocrash crashes in C code: a C function writes through a NULL pointer. Go prints
// "SIGSEGV: segmentation violation" and "signal arrived during cgo execution".
package main

/*
static void crash(int *p) { *p = 42; }
static void run(void) { crash(0); }
*/
import "C"

func main() {
	C.run()
}
