package flow

import "github.com/pcslint/pcslint/cparse"

// MacroAt returns the macro a call was expanded from (for_each_child_of_node
// for the of_get_next_child() it expands to): the identifier written at
// the call's position when it is not the callee itself; "" otherwise.
func MacroAt(f *cparse.File, c *cparse.Call) string {
	if f == nil || f.TokFile == nil || c == nil {
		return ""
	}
	pos := c.Pos()
	tf := f.TokFile
	if int(pos) < tf.Base() || int(pos) > tf.Base()+tf.Size() {
		return ""
	}
	off := int(pos) - tf.Base()
	end := off
	for end < len(f.Src) && isIdentByte(f.Src[end]) {
		end++
	}
	if end == off || f.Src[off] >= '0' && f.Src[off] <= '9' {
		return ""
	}
	if name := string(f.Src[off:end]); name != cparse.CalleeName(c) {
		return name
	}
	return ""
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
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
