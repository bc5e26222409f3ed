// remove-leak: the release reaches the stored object by another path.
//   - a pin of the device being bound (adapter->pdev = pci_dev_get(pdev))
//     is dropped by a put of remove's device, the same object (agere
//     et131x.c);
//   - a container's member stored (&np->fwnode) is released through a
//     view macro of the field (of_node_put(to_of_node(priv->fwnode)),
//     hisilicon hns_enet.c);
//   - the stored reference is put through a member path of the stored
//     object on the success path after the store, inside a branch that
//     also returns (put_device(&ndev->phydev->mdio.dev), ibm/emac core.c).
#include <linux/module.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/pci.h>
#include <linux/of.h>
#include <linux/of_mdio.h>
#include <linux/phy.h>
#include <linux/netdevice.h>

struct pci_device_id;
struct acme_pci_driver {
	const char *name;
	int (*probe)(struct pci_dev *pdev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *pdev);
};

struct acme_adapter {
	struct pci_dev *pdev;
	struct pci_dev *bridge;
	struct net_device *netdev;
};

static struct acme_adapter *acme_adapter_init(struct net_device *netdev, struct pci_dev *pdev)
{
	struct acme_adapter *adapter = netdev_priv(netdev);

	adapter->pdev = pci_dev_get(pdev);
	adapter->netdev = netdev;
	return adapter;
}

/* bad twin: a pin of another device than the one being bound */
static void acme_adapter_bridge(struct acme_adapter *adapter, struct pci_dev *other)
{
	adapter->bridge = pci_dev_get(other); /* want "adapter->bridge holds a reference from pci_dev_get" */
}

extern struct net_device *acme_alloc_netdev(void);
extern struct pci_dev *acme_upstream(struct pci_dev *pdev);

static int acme_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *netdev = acme_alloc_netdev();
	struct acme_adapter *adapter;

	if (!netdev)
		return -12;
	dev_set_drvdata(&pdev->dev, netdev);
	adapter = acme_adapter_init(netdev, pdev);
	acme_adapter_bridge(adapter, acme_upstream(pdev));
	return 0;
}

static void acme_pci_remove(struct pci_dev *pdev)
{
	struct net_device *netdev = dev_get_drvdata(&pdev->dev);
	struct acme_adapter *adapter = netdev_priv(netdev);

	(void)adapter;
	pci_dev_put(pdev);
}

static struct acme_pci_driver acme_pci_driver = {
	.name = "acme-pci",
	.probe = acme_pci_probe,
	.remove = acme_pci_remove,
};

/* hns_enet: the fwnode embedded in a looked-up node, released through
 * to_of_node() */
struct acme_nic {
	struct fwnode_handle *fwnode;
	struct fwnode_handle *other_fwnode;
	struct net_device *ndev;
};

static int acme_nic_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_nic *priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	struct device_node *ae_node, *other;

	if (!priv)
		return -12;
	ae_node = of_parse_phandle(dev->of_node, "ae-handle", 0);
	if (!ae_node)
		return -19;
	priv->fwnode = &ae_node->fwnode;
	other = of_parse_phandle(dev->of_node, "other-handle", 0);
	if (!other)
		return -19;
	priv->other_fwnode = &other->fwnode; /* want "priv->other_fwnode holds a reference from of_parse_phandle" */
	platform_set_drvdata(pdev, priv);
	return 0;
}

static void acme_nic_remove(struct platform_device *pdev)
{
	struct acme_nic *priv = platform_get_drvdata(pdev);

	of_node_put(to_of_node(priv->fwnode));
}

static struct platform_driver acme_nic_driver = {
	.probe = acme_nic_probe,
	.remove = acme_nic_remove,
	.driver = { .name = "acme-nic" },
};

/* emac: the phy device found is put after use on the success path */
struct acme_emac {
	struct net_device *ndev;
	struct device_node *np;
};

extern int acme_register_fixed_link(struct device_node *np);
extern void acme_adjust_link(struct net_device *ndev);

static int acme_emac_init_phy(struct acme_emac *dev)
{
	struct net_device *ndev = dev->ndev;
	struct device_node *np = dev->np;

	if (of_phy_is_fixed_link(np)) {
		int res = acme_register_fixed_link(np);

		ndev->phydev = of_phy_find_device(np);
		if (res || !ndev->phydev)
			return res ? res : -22;
		acme_adjust_link(dev->ndev);
		put_device(&ndev->phydev->mdio.dev);
	}
	return 0;
}

/* bad twin: the put is on the error branch only */
static int acme_emac_init_phy_kept(struct acme_emac *dev)
{
	struct net_device *ndev = dev->ndev;
	struct device_node *np = dev->np;

	if (of_phy_is_fixed_link(np)) {
		int res = acme_register_fixed_link(np);

		ndev->phydev = of_phy_find_device(np); /* want "ndev->phydev holds a reference from of_phy_find_device" */
		if (res || !ndev->phydev) {
			if (ndev->phydev)
				put_device(&ndev->phydev->mdio.dev);
			return res ? res : -22;
		}
		acme_adjust_link(dev->ndev);
	}
	return 0;
}

static int acme_emac_probe(struct platform_device *pdev)
{
	struct acme_emac *dev = devm_kzalloc(&pdev->dev, sizeof(*dev), GFP_KERNEL);
	int err;

	if (!dev)
		return -12;
	dev->np = pdev->dev.of_node;
	err = acme_emac_init_phy(dev);
	if (err)
		return err;
	platform_set_drvdata(pdev, dev);
	return acme_emac_init_phy_kept(dev);
}

static void acme_emac_remove(struct platform_device *pdev)
{
}

static struct platform_driver acme_emac_driver = {
	.probe = acme_emac_probe,
	.remove = acme_emac_remove,
	.driver = { .name = "acme-emac" },
};
