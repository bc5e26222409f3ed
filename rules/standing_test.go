package rules

import "testing"

func TestRulePrecision(t *testing.T) {
	for _, c := range []struct {
		s    Standing
		want string
	}{
		{Standing{True: 11}, "very-high"},
		{Standing{True: 10}, "very-high"},
		{Standing{True: 9}, "high"},
		{Standing{True: 30, False: 1}, "high"},
		{Standing{True: 7, False: 2}, "high"},
		{Standing{True: 2, False: 1}, "medium"},
		{Standing{True: 3, False: 3}, "medium"},
		{Standing{True: 1, False: 3}, "low"},
		{Standing{False: 1}, "medium"}, // too few to measure
		{Standing{}, "medium"},
	} {
		if got := c.s.Precision(); got != c.want {
			t.Errorf("precision of %d true, %d false = %s, want %s", c.s.True, c.s.False, got, c.want)
		}
	}
}
