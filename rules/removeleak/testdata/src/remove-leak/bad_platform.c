// remove-leak: a platform driver whose remove forgets the references probe keeps.
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

struct acme_priv {
	struct device *dev;
	struct device_node *np;
	struct platform_device *fm_pdev;
	struct clk *clk;
};

static int acme_probe_fm(struct acme_priv *priv, struct device_node *np)
{
	struct device_node *fm_node;
	struct platform_device *fm_pdev;

	fm_node = of_parse_phandle(np, "fsl,fman", 0);
	if (!fm_node)
		return -ENODEV;
	fm_pdev = of_find_device_by_node(fm_node);
	of_node_put(fm_node);
	if (!fm_pdev)
		return -EPROBE_DEFER;
	priv->fm_pdev = fm_pdev; /* want "priv->fm_pdev holds a reference from of_find_device_by_node\\(\\) taken in probe \\(acme_probe\\(\\)\\), but acme_remove never calls put_device\\(\\) on it" */
	return 0;
}

static int acme_probe(struct platform_device *pdev)
{
	struct acme_priv *priv;
	int err;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->np = of_parse_phandle(pdev->dev.of_node, "pcs-handle", 0); /* want "priv->np holds a reference from of_parse_phandle\\(\\) taken in probe, but acme_remove never calls of_node_put\\(\\) on it; why: unbinding leaks the reference.*; fix: release it in .remove or use a devm action" */
	if (!priv->np)
		return -ENODEV;
	priv->clk = clk_get(&pdev->dev, "ref"); /* want "priv->clk holds a reference from clk_get\\(\\)" */
	if (IS_ERR(priv->clk)) {
		err = PTR_ERR(priv->clk);
		goto err_put_np;
	}
	err = acme_probe_fm(priv, pdev->dev.of_node);
	if (err)
		goto err_put_clk;
	platform_set_drvdata(pdev, priv);
	return 0;

err_put_clk:
	clk_put(priv->clk);
err_put_np:
	of_node_put(priv->np);
	return err;
}

static void acme_remove(struct platform_device *pdev)
{
	struct acme_priv *priv = platform_get_drvdata(pdev);

	priv->dev = NULL;
}

static struct platform_driver acme_driver = {
	.probe = acme_probe,
	.remove = acme_remove,
	.driver = {
		.name = "acme",
	},
};
