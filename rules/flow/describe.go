package flow

import "github.com/pcslint/pcslint/cparse"

// MacroAt returns the macro a call was expanded from (for_each_child_of_node
// for the of_get_next_child() it expands to): the identifier written at
// the call's position when it is not the callee itself; "" otherwise.
func MacroAt(f *cparse.File, c *cparse.Call) string {
	if c == nil {
		return ""
	}
	if name := f.IdentAt(c.Pos()); name != cparse.CalleeName(c) {
		return name
	}
	return ""
}

// Subject names the object a class of references stands for, for messages.
func Subject(class string) string {
	switch class {
	case "of_node":
		return "device tree node"
	case "fwnode":
		return "firmware node"
	case "device":
		return "struct device"
	case "module":
		return "module"
	case "phy":
		return "PHY"
	case "clk":
		return "clock"
	case "":
		return "object"
	}
	return class
}
