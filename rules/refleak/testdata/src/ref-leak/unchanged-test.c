// ref-leak: two tests of a value that does not change between them
// cannot disagree (reduced from drivers/net/ethernet/broadcom/tg3.c
// tg3_get_invariants(): the loop only ends after the lookup found
// nothing, since pci_id only moves on when it did).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

struct pci_dev { int bus; };
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
void pci_dev_put(struct pci_dev *dev);
struct acme_id { u32 vendor; u32 device; };

/* good */
static int acme_bridge_bug(int bus)
{
	struct acme_id ids[] = { { 0x8086, 0x0329 }, { 0x8086, 0x032a }, { } };
	struct acme_id *pci_id = &ids[0];
	struct pci_dev *bridge = NULL;
	int bug = 0;

	while (pci_id->vendor != 0) {
		bridge = pci_get_device(pci_id->vendor, pci_id->device, bridge);
		if (!bridge) {
			pci_id++;
			continue;
		}
		if (bridge->bus == bus) {
			bug = 1;
			pci_dev_put(bridge);
			break;
		}
	}
	return bug;
}

/* bad: the cursor moves on while a device is still held */
static int acme_bridge_bug_leak(int bus)
{
	struct acme_id ids[] = { { 0x8086, 0x0329 }, { 0x8086, 0x032a }, { } };
	struct acme_id *pci_id = &ids[0];
	struct pci_dev *bridge = NULL;

	while (pci_id->vendor != 0) {
		bridge = pci_get_device(pci_id->vendor, pci_id->device, bridge);
		if (!bridge || bridge->bus != bus) {
			pci_id++;
			continue;
		}
		return 1; /* want "reference from pci_get_device\\(\\) at line 55 leaks" */
	}
	return 0;
}
