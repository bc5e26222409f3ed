// remove-leak: the remove helper of teardown_main.c's driver.
#include "teardown.h"

void td_phy_remove(struct td_common *comm)
{
	struct net_device *ndev;
	struct td_mac *mac;
	int i;

	for (i = 0; i < 2; i++)
		if (comm->ndev[i]) {
			ndev = comm->ndev[i];
			mac = netdev_priv(ndev);
			of_node_put(mac->phy_node);
		}
}

/* releases nothing of the mac */
void td_led_stop(struct td_common *comm)
{
	comm->dev = NULL;
}
