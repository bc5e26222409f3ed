// ref-leak: a reference a probe stores in memory it allocated with
// devm_*() is kept only while the probe succeeds: a failing probe's
// memory is freed by devres and remove never runs, so the failing return
// leaks it (exynos5250-sata, mdio-mvusb, xilinx_gmii2rgmii fixes).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/clk.h>
#include <linux/i2c.h>
#include <linux/usb.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>

struct acme_priv {
	struct i2c_client *client;
	struct clk *clk;
	struct phy_device *phy_dev;
};

static int acme_probe_leaky(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv;
	struct device_node *np;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	np = of_parse_phandle(dev->of_node, "acme,i2c", 0);
	if (!np)
		return -EINVAL;
	priv->client = of_find_i2c_device_by_node(np);
	of_node_put(np);
	if (!priv->client)
		return -EPROBE_DEFER;
	platform_set_drvdata(pdev, priv);
	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk))
		return PTR_ERR(priv->clk); /* want "reference from of_find_i2c_device_by_node\\(\\) at line 35 leaks when 'IS_ERR\\(priv->clk\\)' is true" */
	return 0;
}

static int acme_probe_defer(struct platform_device *pdev)
{
	struct acme_priv *priv;
	struct device_node *np;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	np = of_parse_phandle(pdev->dev.of_node, "phy-handle", 0);
	if (!np)
		return -ENODEV;
	priv->phy_dev = of_phy_find_device(np);
	of_node_put(np);
	if (!priv->phy_dev)
		return -EPROBE_DEFER;
	if (!priv->phy_dev->drv)
		return -EPROBE_DEFER; /* want "reference from of_phy_find_device\\(\\) at line 57 leaks" */
	return 0;
}

/* the put on the failing path: fine */
static int acme_probe_puts(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->client = of_find_i2c_device_by_node(dev->of_node);
	if (!priv->client)
		return -EPROBE_DEFER;
	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk)) {
		ret = PTR_ERR(priv->clk);
		goto put_dev;
	}
	return 0;

put_dev:
	put_device(&priv->client->dev);
	return ret;
}

/* every failure comes before the store: fine */
static int acme_probe_late_store(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv;
	struct clk *clk;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	clk = devm_clk_get(dev, NULL);
	if (IS_ERR(clk))
		return PTR_ERR(clk);
	priv->clk = clk;
	priv->client = of_find_i2c_device_by_node(dev->of_node);
	if (!priv->client)
		return -EPROBE_DEFER;
	platform_set_drvdata(pdev, priv);
	return 0;
}

static void acme_put_client(void *data)
{
	struct acme_priv *priv = data;

	put_device(&priv->client->dev);
}

/* a devres action drops it, also when the probe fails: fine */
static int acme_probe_action(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv;
	int ret;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->client = of_find_i2c_device_by_node(dev->of_node);
	if (!priv->client)
		return -EPROBE_DEFER;
	ret = devm_add_action_or_reset(dev, acme_put_client, priv);
	if (ret)
		return ret;
	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk))
		return PTR_ERR(priv->clk);
	return 0;
}

static void acme_teardown(struct acme_priv *priv)
{
	put_device(&priv->client->dev);
}

/* a function of the driver drops what the memory holds: fine */
static int acme_probe_teardown(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->client = of_find_i2c_device_by_node(dev->of_node);
	if (!priv->client)
		return -EPROBE_DEFER;
	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk)) {
		acme_teardown(priv);
		return PTR_ERR(priv->clk);
	}
	return 0;
}

/* not a probe: a failure does not free the memory, remove may put it */
static int acme_attach(struct device *dev, struct acme_priv *priv)
{
	struct acme_priv *p2;

	p2 = devm_kzalloc(dev, sizeof(*p2), GFP_KERNEL);
	if (!p2)
		return -ENOMEM;
	p2->client = of_find_i2c_device_by_node(dev->of_node);
	if (!p2->client)
		return -EPROBE_DEFER;
	p2->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(p2->clk))
		return PTR_ERR(p2->clk);
	return 0;
}

/* memory not allocated with devm: its owner is not known here */
static int acme_probe_kzalloc(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_priv *priv = dev_get_platdata(dev);

	priv->client = of_find_i2c_device_by_node(dev->of_node);
	if (!priv->client)
		return -EPROBE_DEFER;
	priv->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(priv->clk))
		return PTR_ERR(priv->clk);
	return 0;
}

static struct platform_driver acme_drivers[] = {
	{ .probe = acme_probe_leaky },
	{ .probe = acme_probe_defer },
	{ .probe = acme_probe_puts },
	{ .probe = acme_probe_late_store },
	{ .probe = acme_probe_action },
	{ .probe = acme_probe_teardown },
	{ .probe = acme_probe_kzalloc },
};

struct mvusb {
	struct mii_bus *mdio;
	struct usb_device *udev;
};

/* the probe fails when the call whose result it returns fails */
static int mvusb_probe_leaky(struct usb_interface *interface, const struct usb_device_id *id)
{
	struct device *dev = &interface->dev;
	struct mvusb *mvusb;
	struct mii_bus *mdio;

	mdio = devm_mdiobus_alloc_size(dev, sizeof(*mvusb));
	if (!mdio)
		return -ENOMEM;
	mvusb = mdio->priv;
	mvusb->mdio = mdio;
	mvusb->udev = usb_get_dev(interface_to_usbdev(interface));
	usb_set_intfdata(interface, mvusb);
	return of_mdiobus_register(mdio, dev->of_node); /* want "reference from usb_get_dev\\(\\) at line 225 leaks when of_mdiobus_register\\(\\) fails" */
}

static int mvusb_probe_fixed(struct usb_interface *interface, const struct usb_device_id *id)
{
	struct device *dev = &interface->dev;
	struct mvusb *mvusb;
	struct mii_bus *mdio;
	int ret;

	mdio = devm_mdiobus_alloc_size(dev, sizeof(*mvusb));
	if (!mdio)
		return -ENOMEM;
	mvusb = mdio->priv;
	mvusb->mdio = mdio;
	mvusb->udev = usb_get_dev(interface_to_usbdev(interface));
	usb_set_intfdata(interface, mvusb);
	ret = of_mdiobus_register(mdio, dev->of_node);
	if (ret)
		goto put_dev;
	return 0;

put_dev:
	usb_put_dev(mvusb->udev);
	return ret;
}

static struct usb_driver mvusb_drivers[] = {
	{ .name = "leaky", .probe = mvusb_probe_leaky },
	{ .name = "fixed", .probe = mvusb_probe_fixed },
};

struct mt_dev {
	struct usb_device *udev;
	int rev;
};

int mt_init(struct mt_dev *dev, struct usb_interface *intf);

/* a count kept while bound (disconnect puts it): the success path keeps
 * it, and the error path puts it through another name */
static int mt_probe(struct usb_interface *usb_intf, const struct usb_device_id *id)
{
	struct usb_device *udev = interface_to_usbdev(usb_intf);
	struct mt_dev *dev;
	int ret;

	dev = devm_kzalloc(&usb_intf->dev, sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	udev = usb_get_dev(udev);
	usb_set_intfdata(usb_intf, dev);
	ret = mt_init(dev, usb_intf);
	if (ret < 0)
		goto error;
	return 0;

error:
	usb_set_intfdata(usb_intf, NULL);
	usb_put_dev(interface_to_usbdev(usb_intf));
	return ret;
}

static struct usb_driver mt_driver = {
	.name = "mt",
	.probe = mt_probe,
};

static void hub_teardown(struct usb_interface *intf)
{
	struct mt_dev *dev = usb_get_intfdata(intf);

	usb_put_dev(dev->udev);
}

/* the count handed to a function of the driver, which drops it through
 * another name */
static int hub_probe(struct usb_interface *intf, const struct usb_device_id *id)
{
	struct usb_device *hdev = interface_to_usbdev(intf);

	usb_get_intf(intf);
	usb_get_dev(hdev);
	if (mt_init(usb_get_intfdata(intf), intf) >= 0)
		return 0;
	hub_teardown(intf);
	return -ENODEV;
}

static struct usb_driver hub_driver = {
	.name = "hub",
	.probe = hub_probe,
};

static int acme_map_one(struct device_node *np, int state)
{
	return of_property_read_bool(np, "acme,state") ? state : 0;
}

/* a node count put by its name: a later driver function does not hand it
 * over, the error return before the put leaks it (pinctrl_dt_to_map()) */
int acme_dt_to_map(struct device *dev)
{
	struct device_node *np = dev->of_node;
	int state;
	char *name;

	of_node_get(np);
	for (state = 0; ; state++) {
		name = kasprintf(GFP_KERNEL, "acme-%d", state);
		if (!name)
			return -ENOMEM; /* want "reference from of_node_get\\(\\) at line 334 leaks when kasprintf\\(\\) fails" */
		kfree(name);
		if (!acme_map_one(np, state))
			break;
	}
	of_node_put(np);
	return 0;
}
