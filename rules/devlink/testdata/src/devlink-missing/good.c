// devlink-missing: no findings expected.
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

struct phy *acme_phy_lookup(struct device_node *np);

struct acme_miic {
	struct device *dev;
};

struct acme_miic_port {
	struct acme_miic *miic;
	int port;
};

/* miic_create()-shaped: a managed link (result unchecked) */
struct acme_miic_port *acme_miic_create(struct device *dev, struct device_node *np)
{
	struct platform_device *pdev;
	struct acme_miic_port *miic_port;
	struct acme_miic *miic;

	pdev = of_find_device_by_node(np);
	if (!pdev || !platform_get_drvdata(pdev)) {
		if (pdev)
			put_device(&pdev->dev);
		return ERR_PTR(-EPROBE_DEFER);
	}
	miic_port = kzalloc(sizeof(*miic_port), GFP_KERNEL);
	if (!miic_port) {
		put_device(&pdev->dev);
		return ERR_PTR(-ENOMEM);
	}
	miic = platform_get_drvdata(pdev);
	device_link_add(dev, miic->dev, DL_FLAG_AUTOREMOVE_CONSUMER);
	put_device(&pdev->dev);
	miic_port->miic = miic;
	miic_port->port = 1;
	return miic_port;
}

/* a managed link, checked */
struct phy *acme_phy_get_linked(struct device *dev, struct device_node *np)
{
	struct phy *phy = acme_phy_lookup(np);

	if (IS_ERR(phy))
		return phy;
	get_device(&phy->dev);
	if (!device_link_add(dev, &phy->dev, DL_FLAG_AUTOREMOVE_CONSUMER | DL_FLAG_PM_RUNTIME)) {
		put_device(&phy->dev);
		return ERR_PTR(-EINVAL);
	}
	return phy;
}

/* another device's driver data used locally, not handed out */
int acme_count_lanes(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);
	struct acme_miic *miic;
	int n = 0;

	if (!pdev)
		return -ENODEV;
	miic = platform_get_drvdata(pdev);
	if (miic)
		n = 2;
	put_device(&pdev->dev);
	return n;
}

/* its own driver data is not another device's */
struct acme_miic *acme_self(struct platform_device *pdev)
{
	struct acme_miic *miic = platform_get_drvdata(pdev);

	return miic;
}

/* a consumer of a subsystem getter: the getter is responsible */
struct acme_priv {
	struct phy *phy;
};
int acme_probe(struct platform_device *pdev, struct acme_priv *priv)
{
	struct phy *phy = acme_phy_lookup(pdev->dev.of_node);

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	priv->phy = phy;
	return 0;
}

/* a plain refcount getter: get_device() on an object that embeds its device */
struct phy *acme_phy_get_ref(struct phy *phy)
{
	if (phy)
		get_device(&phy->dev);
	return phy;
}

/* a class device's driver data is the subsystem's own object */
struct acme_supply {
	struct device dev;
	int use_cnt;
};
struct acme_supply *acme_supply_get_by_name(const char *name)
{
	struct acme_supply *psy = NULL;
	struct device *dev = class_find_device_by_name(NULL, name);

	if (dev)
		psy = dev_get_drvdata(dev);
	return psy;
}
