package main

type Cache struct {
	name  string
	items map[string]int
}

func (c *Cache) put(key string, n int) {
	c.items[key] = n
}

func fill(c *Cache, keys []string) {
	for i, k := range keys {
		c.put(k, i)
	}
}

func main() {
	c := &Cache{name: "sessions"}
	fill(c, []string{"alpha", "beta"})
}
