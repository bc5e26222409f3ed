// double-put: devm_add_action_or_reset() runs its action at once when the
// registration fails (reduced from drivers/pinctrl/cirrus/pinctrl-cs42l43.c
// cs42l43_pin_probe() before commit "pinctrl: cs42l43: Fix double-put in
// cs42l43_pin_probe()").
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

struct fwnode_handle *fwnode_get_named_child_node(const struct fwnode_handle *fwnode, const char *name);
void acme_use(struct fwnode_handle *fw);

static void acme_fwnode_put(void *data)
{
	fwnode_handle_put(data);
}

static int acme_pin_probe(struct platform_device *pdev)
{
	struct fwnode_handle *child;
	int ret;

	child = fwnode_get_named_child_node(pdev->dev.fwnode, "pinctrl");
	if (child) {
		ret = devm_add_action_or_reset(&pdev->dev, acme_fwnode_put, child);
		if (ret) {
			fwnode_handle_put(child); /* want "a second time: devm_add_action_or_reset\\(\\) at line 34, which runs its action at once when it fails, already dropped it" */
			return ret;
		}
		acme_use(child);
	}
	return 0;
}

/* good: the reset already dropped it; the node lives until unbind */
static int acme_pin_probe_ok(struct platform_device *pdev)
{
	struct fwnode_handle *child;
	int ret;

	child = fwnode_get_named_child_node(pdev->dev.fwnode, "pinctrl");
	if (child) {
		ret = devm_add_action_or_reset(&pdev->dev, acme_fwnode_put, child);
		if (ret)
			return ret;
		acme_use(child);
	}
	return 0;
}
