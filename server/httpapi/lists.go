package httpapi

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// pageLimit reads ?limit= (default 50, at most 200).
func pageLimit(c *fiber.Ctx) (int, error) {
	s := c.Query("limit")
	if s == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 200 {
		return 0, invalidInput("limit must be a whole number from 1 to 200.", map[string]string{"limit": "1 to 200"})
	}
	return n, nil
}
