#!/usr/bin/env python3
"""Rewrites fixtures written for the old kdecls headers to include the stub
headers (cparse/include), as the fixtures beside the rules do.

For branches that added fixtures under testdata/src/RULE-ID/ before the
fixtures moved to rules/PKG/testdata/src/RULE-ID/ and the kdecls headers
were deleted: after the merge (git's rename detection moves the new files),
run from the repository root

    python3 scripts/fixture-stub-includes.py

It replaces each `#include "../include/refs-kdecls.h"`,
`"../include/provider-kdecls.h"` or `"kdecls.h"` line of the rules' fixture
files with the stub includes of the same set, and renumbers the `line N`
(and `lines N, M`) references in the file's want comments by the lines the
include block adds. Delete this script once no branch has such fixtures.
"""
import glob
import re

COMMON = ["linux/module.h", "linux/slab.h", "linux/err.h", "linux/device.h", "linux/platform_device.h",
          "linux/of.h", "linux/of_platform.h", "linux/property.h"]
SETS = {
    "refs": COMMON + ["linux/ioport.h", "linux/phy.h", "linux/of_mdio.h", "linux/phy/phy.h", "linux/clk.h"],
    "provider": COMMON + ["linux/list.h", "linux/mutex.h", "linux/spinlock.h", "linux/rtnetlink.h", "linux/kref.h",
                          "linux/notifier.h", "linux/mdio.h", "linux/fwnode_mdio.h", "linux/of_mdio.h",
                          "linux/phy/phy.h", "linux/phylink.h", "linux/pcs.h"],
    "errptr": COMMON + ["linux/clk.h", "linux/mdio.h", "linux/fwnode_mdio.h", "linux/phy/phy.h", "linux/phylink.h",
                        "linux/pcs/pcs-xpcs.h"],
    "removeleak": COMMON + ["linux/clk.h", "linux/i2c.h", "linux/mdio.h", "linux/phy.h", "linux/fwnode_mdio.h",
                            "linux/phy/phy.h", "linux/phylink.h", "linux/pcs-lynx.h", "linux/pcs/pcs-xpcs.h"],
}
INCLUDE = re.compile(r'^#include "(?:(?:\.\./)+(?:testdata/)?include/(refs|provider)-kdecls\.h|kdecls\.h)".*\n', re.M)
LINES = re.compile(r"(lines? )(\d+(?:, \d+)*)")


def main():
    for f in sorted(glob.glob("rules/*/testdata/src/*/*.[ch]")):
        src = open(f).read()
        m = INCLUDE.search(src)
        if not m:
            continue
        kind = m.group(1) or ("errptr" if "/errptr/" in f else "removeleak")
        block = "".join("#include <%s>\n" % h for h in SETS[kind])
        at = src[:m.start()].count("\n") + 1  # the include's line
        shift = len(SETS[kind]) - 1

        def renumber(x):
            nums = [int(n) for n in x.group(2).split(", ")]
            return x.group(1) + ", ".join(str(n + shift if n > at else n) for n in nums)

        out = src[:m.start()] + block + src[m.end():]
        out = "\n".join(LINES.sub(renumber, l) if "want" in l else l for l in out.split("\n"))
        open(f, "w").write(out)
        print("%s: %s stub includes" % (f, kind))


if __name__ == "__main__":
    main()
