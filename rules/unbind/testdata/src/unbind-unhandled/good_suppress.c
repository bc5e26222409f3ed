// unbind-unhandled: sysfs unbind forbidden: no findings expected.
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
};

static int acme_pcs_probe(struct platform_device *pdev)
{
	struct acme_pcs_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->pcs.dev = &pdev->dev;
	return pcs_register(&priv->pcs);
}

static struct platform_driver acme_pcs_driver = {
	.probe = acme_pcs_probe,
	.driver = {
		.name = "acme-pcs",
		.suppress_bind_attrs = true,
	},
};
