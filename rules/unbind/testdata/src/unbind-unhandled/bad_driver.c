// unbind-unhandled: a PCS provider driver that neither revokes nor forbids unbind.
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

struct acme_pcs_priv {
	struct phylink_pcs pcs;
	int lanes;
};

static int acme_pcs_probe(struct platform_device *pdev)
{
	struct acme_pcs_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->pcs.dev = &pdev->dev;
	platform_set_drvdata(pdev, priv);
	return devm_pcs_register(&pdev->dev, &priv->pcs); /* want "devm_pcs_register\\(\\) registers a PCS, but this driver neither revokes it from its holders on removal nor forbids unbinding; why: after unbind the MACs holding it keep a dangling pointer.*phylink_release_pcs\\(\\) under rtnl_lock\\(\\).*suppress_bind_attrs = true in the driver \\(a partial guard: it stops sysfs unbind only, not module removal, the removal of a parent or hot-removal such as a PCI device going away\\)" */
}

static struct platform_driver acme_pcs_driver = {
	.probe = acme_pcs_probe,
	.driver = {
		.name = "acme-pcs",
	},
};
