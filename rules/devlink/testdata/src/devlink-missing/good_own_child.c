// devlink-missing: the device found is the consumer's own child (made for
// a child of its own node, as a bridge creates the device of its
// demodulator): the driver core cannot link a child as its parent's
// supplier, so a missing link is no finding. No findings expected.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rtnetlink.h>
#include <linux/kref.h>
#include <linux/notifier.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs.h>

struct acme_demod {
	struct device *dev;
	int id;
};

struct acme_bridge {
	struct device *dev;
	struct acme_demod *demod;
};

int acme_bridge_attach_demod(struct acme_bridge *br)
{
	struct device_node *np;
	struct platform_device *pdev;

	np = of_get_child_by_name(br->dev->of_node, "demod");
	if (!np)
		return -ENODEV;
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return -EPROBE_DEFER;
	br->demod = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	return br->demod ? 0 : -EPROBE_DEFER;
}
