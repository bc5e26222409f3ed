// remove-leak: releases outside remove that still run on unbind; an i2c
// driver releasing through a differently named variable.
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

struct other_port {
	struct device_node *np;
	struct mdio_device *mdio;
};

struct other_priv {
	struct other_port ports[4];
	struct platform_device *pdev;
};

/* the teardown runs from a callback (an ops table), not from remove */
static void other_port_uninit(struct other_port *port)
{
	mdio_device_put(port->mdio);
}

static int other_probe_port(struct other_port *port, struct device_node *np)
{
	port->np = of_node_get(np);
	port->mdio = fwnode_mdio_find_device(NULL);
	if (!port->mdio) {
		of_node_put(port->np);
		return -EPROBE_DEFER;
	}
	return 0;
}

static int other_probe(struct i2c_client *client)
{
	struct other_priv *priv = devm_kzalloc(&client->dev, sizeof(*priv), GFP_KERNEL);
	int i, err;

	if (!priv)
		return -ENOMEM;
	for (i = 0; i < 4; i++) {
		err = other_probe_port(&priv->ports[i], client->dev.of_node);
		if (err)
			return err;
	}
	priv->pdev = of_find_device_by_node(client->dev.of_node);
	dev_set_drvdata(&client->dev, priv);
	return 0;
}

static void other_remove(struct i2c_client *client)
{
	struct other_priv *p = dev_get_drvdata(&client->dev);
	int i;

	for (i = 0; i < 4; i++)
		of_node_put(p->ports[i].np);
	platform_device_put(p->pdev);
}

static struct i2c_driver other_driver = {
	.probe = other_probe,
	.remove = other_remove,
	.driver = {
		.name = "other",
	},
};

void *other_ops[] = { other_port_uninit };
