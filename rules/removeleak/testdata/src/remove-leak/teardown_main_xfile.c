// remove-leak: remove puts the stored node through a helper of another
// file of the driver (teardown_phy.c), reduced from spl2sw_driver.c; the
// led node nobody puts is reported.
#include "teardown.h"

extern struct net_device *td_alloc_netdev(struct device *dev);

static int td_probe(struct platform_device *pdev)
{
	struct td_common *comm = devm_kzalloc(&pdev->dev, sizeof(*comm), GFP_KERNEL);
	struct device_node *phy_np, *led_np;
	struct net_device *ndev;
	struct td_mac *mac;

	if (!comm)
		return -12;
	comm->dev = &pdev->dev;
	ndev = td_alloc_netdev(&pdev->dev);
	if (!ndev)
		return -12;
	comm->ndev[0] = ndev;
	mac = netdev_priv(ndev);
	phy_np = of_parse_phandle(pdev->dev.of_node, "phy-handle", 0);
	if (!phy_np)
		return -19;
	mac->phy_node = phy_np;
	led_np = of_parse_phandle(pdev->dev.of_node, "led-handle", 0);
	if (!led_np)
		return -19;
	mac->led_node = led_np; /* want "mac->led_node holds a reference from of_parse_phandle" */
	platform_set_drvdata(pdev, comm);
	return 0;
}

static void td_remove(struct platform_device *pdev)
{
	struct td_common *comm = platform_get_drvdata(pdev);

	td_phy_remove(comm);
	td_led_stop(comm);
}

static struct platform_driver td_driver = {
	.probe = td_probe,
	.remove = td_remove,
	.driver = { .name = "td" },
};
