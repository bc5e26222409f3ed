// remove-leak: drivers that release what they keep; no findings expected.
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

struct good_priv {
	struct device *dev;
	struct device_node *np;
	struct device_node *port_np;
	struct platform_device *fm_pdev;
	struct phy *serdes;
	struct clk *clk;
	struct clk *ref;
	struct phylink_pcs *pcs;
	struct fwnode_handle *fwnode;
	struct mdio_device *mdio;
	struct device_node *child;
	struct device_node *tmp_np;
};

static void good_put_fm(struct good_priv *priv)
{
	put_device(&priv->fm_pdev->dev);
}

static void good_teardown(struct good_priv *priv)
{
	good_put_fm(priv);
	lynx_pcs_destroy(priv->pcs);
}

static void good_put_np(void *data)
{
	struct good_priv *priv = data;

	of_node_put(priv->np);
}

static void good_put_fwnode(void *data)
{
	fwnode_handle_put(data);
}

static int good_probe(struct platform_device *pdev)
{
	struct good_priv *priv;
	struct device_node *child;
	int err;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	/* devm: released by devres */
	priv->serdes = devm_phy_get(&pdev->dev, "serdes");
	if (IS_ERR(priv->serdes))
		return PTR_ERR(priv->serdes);
	priv->clk = devm_clk_get(&pdev->dev, "core");
	if (IS_ERR(priv->clk))
		return PTR_ERR(priv->clk);
	/* released by a devm action */
	priv->np = of_parse_phandle(pdev->dev.of_node, "pcs-handle", 0);
	if (!priv->np)
		return -ENODEV;
	err = devm_add_action_or_reset(&pdev->dev, good_put_np, priv);
	if (err)
		return err;
	priv->fwnode = fwnode_find_reference(pdev->dev.fwnode, "x", 0);
	if (IS_ERR(priv->fwnode))
		return PTR_ERR(priv->fwnode);
	err = devm_add_action_or_reset(&pdev->dev, good_put_fwnode, priv->fwnode);
	if (err)
		return err;
	/* released through helpers called from remove */
	priv->fm_pdev = of_find_device_by_node(priv->np);
	if (!priv->fm_pdev)
		return -EPROBE_DEFER;
	priv->pcs = lynx_pcs_create_fwnode(priv->fwnode);
	if (IS_ERR(priv->pcs)) {
		err = PTR_ERR(priv->pcs);
		goto err_put_fm;
	}
	/* released in remove through a local */
	priv->ref = clk_get(&pdev->dev, "ref");
	if (IS_ERR(priv->ref)) {
		err = PTR_ERR(priv->ref);
		goto err_destroy;
	}
	/* iterator variable: the loop drops it on the next step */
	for_each_child_of_node(pdev->dev.of_node, child) {
		if (of_device_is_available(child)) {
			priv->child = child;
			break;
		}
	}
	/* a borrowed reference: dropped again in probe */
	priv->tmp_np = of_parse_phandle(pdev->dev.of_node, "tmp", 0);
	of_node_put(priv->tmp_np);
	/* the device's own node: the device core drops it */
	pdev->dev.of_node = of_node_get(priv->np);
	platform_set_drvdata(pdev, priv);
	return 0;

err_destroy:
	lynx_pcs_destroy(priv->pcs);
err_put_fm:
	put_device(&priv->fm_pdev->dev);
	return err;
}

static void good_remove(struct platform_device *pdev)
{
	struct good_priv *priv = platform_get_drvdata(pdev);
	struct clk *ref = priv->ref;

	good_teardown(priv);
	clk_put(ref);
}

static struct platform_driver good_driver = {
	.probe = good_probe,
	.remove = good_remove,
	.driver = {
		.name = "good",
	},
};

/* suppress_bind_attrs and no .remove: the driver is never unbound */
static int good_fixed_probe(struct platform_device *pdev)
{
	struct good_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->port_np = of_parse_phandle(pdev->dev.of_node, "port", 0);
	return 0;
}

static struct platform_driver good_fixed_driver = {
	.probe = good_fixed_probe,
	.driver = {
		.name = "good-fixed",
		.suppress_bind_attrs = true,
	},
};
