// unbind-unhandled: PCS provider drivers guarded: no findings expected.
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
	struct fwnode_handle *fwnode;
};

static int acme_pcs_probe(struct platform_device *pdev)
{
	struct acme_pcs_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->fwnode = pdev->dev.fwnode;
	platform_set_drvdata(pdev, priv);
	return fwnode_pcs_add_provider(priv->fwnode, &priv->pcs);
}

/* the 2025-2026 proposal's removal: unregister, then revoke under RTNL */
static void acme_pcs_remove(struct platform_device *pdev)
{
	struct acme_pcs_priv *priv = platform_get_drvdata(pdev);

	fwnode_pcs_del_provider(priv->fwnode);
	rtnl_lock();
	phylink_release_pcs(&priv->pcs);
	rtnl_unlock();
}

static struct platform_driver acme_pcs_driver = {
	.probe = acme_pcs_probe,
	.remove = acme_pcs_remove,
	.driver = {
		.name = "acme-pcs",
	},
};
