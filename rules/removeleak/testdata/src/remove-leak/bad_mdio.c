// remove-leak: an MDIO driver with no .remove that keeps a PCS.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/i2c.h>
#include <linux/mdio.h>
#include <linux/phy.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs-lynx.h>
#include <linux/pcs/pcs-xpcs.h>

struct acme_pcs_priv {
	struct phylink_pcs *pcs;
	struct fwnode_handle *fwnode;
};

static int acme_pcs_probe(struct mdio_device *mdio)
{
	struct acme_pcs_priv *p;

	p = devm_kzalloc(&mdio->dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->fwnode = fwnode_find_reference(mdio->dev.fwnode, "pcs", 0); /* want "p->fwnode holds a reference from fwnode_find_reference\\(\\) taken in probe, and the driver has no .remove; why: unbinding leaks the reference" */
	if (IS_ERR(p->fwnode))
		return PTR_ERR(p->fwnode);
	p->pcs = lynx_pcs_create_fwnode(p->fwnode); /* want "p->pcs holds a reference from lynx_pcs_create_fwnode\\(\\) taken in probe, and the driver has no .remove" */
	if (IS_ERR(p->pcs))
		return PTR_ERR(p->pcs);
	dev_set_drvdata(&mdio->dev, p);
	return 0;
}

static struct mdio_driver acme_pcs_driver = {
	.mdiodrv.driver = {
		.name = "acme-pcs",
	},
	.probe = acme_pcs_probe,
};
