module example.com/racing

go 1.22
