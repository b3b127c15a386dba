module example.com/cgocrash

go 1.22
