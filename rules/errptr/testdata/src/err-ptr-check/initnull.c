// err-ptr-check: a local that starts as NULL does not make its function
// NULL-returning when every path overwrites it (issue 12, class 10).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs/pcs-xpcs.h>

struct slot { int used; };
static struct slot slots[4];

/* never NULL: p starts NULL but both branches overwrite it */
static struct slot *pick_slot(int i)
{
	struct slot *p = NULL;

	if (i & 1)
		p = &slots[1];
	else
		p = &slots[0];
	return p;
}

static int good_use_slot(int i)
{
	struct slot *s = pick_slot(i);

	if (IS_ERR(s))
		return PTR_ERR(s);
	return s->used;
}

/* NULL on a path of its own: a real NULL-returning function */
static struct slot *find_slot(int i)
{
	struct slot *p = NULL;

	if (i > 3)
		p = NULL;
	else
		p = &slots[i];
	return p;
}

static int bad_use_slot(int i)
{
	struct slot *s = find_slot(i);

	if (IS_ERR(s)) /* want "find_slot\\(\\) returns NULL on failure, never an ERR_PTR" */
		return PTR_ERR(s);
	return s->used;
}
