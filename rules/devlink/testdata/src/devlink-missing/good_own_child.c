// devlink-missing: the device found is the consumer's own child (made for
// a child of its own node, as a bridge creates the device of its
// demodulator): the driver core cannot link a child as its parent's
// supplier, so a missing link is no finding. No findings expected.
#include "../include/provider-kdecls.h"

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
