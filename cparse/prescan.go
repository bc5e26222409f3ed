package cparse

// prescan decides, from the raw text alone, that a unit cannot name an
// interesting identifier; nil means "preprocess and look".
func (p *Parser) prescan(abs, rel string, src []byte, flags []string) *File {
	return nil
}
