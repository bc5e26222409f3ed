// double-put: lookups that drop the node they start from, used as loop
// steps (reduced from drivers/memory/tegra/tegra20-emc.c before
// commit "memory: tegra20-emc: fix an OF node refcount bug").
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

/* the step of(np) drops np: a put before continue drops it twice */
static struct device_node *acme_find_by_code(struct device_node *root, u32 code)
{
	struct device_node *np;
	u32 value;
	int err;

	for (np = of_find_node_by_name(root, "emc-tables"); np;
	     np = of_find_node_by_name(np, "emc-tables")) {
		err = of_property_read_u32(np, "acme,ram-code", &value);
		if (err || value != code) {
			of_node_put(np); /* want "drops again" */
			continue;
		}
		return np;
	}
	return NULL;
}

/* good: leave the put to the step */
static struct device_node *acme_find_by_code_ok(struct device_node *root, u32 code)
{
	struct device_node *np;
	u32 value;

	for (np = of_find_node_by_name(root, "emc-tables"); np;
	     np = of_find_node_by_name(np, "emc-tables")) {
		if (of_property_read_u32(np, "acme,ram-code", &value) || value != code)
			continue;
		return np;
	}
	return NULL;
}

/* good: a put before break leaves nothing held */
static int acme_has_code(struct device_node *root, u32 code)
{
	struct device_node *np;
	u32 value;
	int found = 0;

	for (np = of_find_node_by_name(root, "emc-tables"); np;
	     np = of_find_node_by_name(np, "emc-tables")) {
		if (!of_property_read_u32(np, "acme,ram-code", &value) && value == code) {
			found = 1;
			of_node_put(np);
			break;
		}
	}
	return found;
}

/* reduced from sound/pci/hda/hda_intel.c atpx_present() before commit
 * "ALSA: hda: Fix a potential double put of the PCI device" */
struct pci_dev;
struct pci_dev *pci_get_base_class(unsigned int class, struct pci_dev *from);
void pci_dev_put(struct pci_dev *dev);
int acme_has_handle(struct pci_dev *pdev);

static bool acme_atpx_present(void)
{
	struct pci_dev *pdev = NULL;

	while ((pdev = pci_get_base_class(0x03, pdev))) {
		if (acme_has_handle(pdev)) {
			pci_dev_put(pdev);
			return true;
		}
		pci_dev_put(pdev); /* want "drops again" */
	}
	return false;
}

/* good: the lookup drops each device; only an early return puts */
static bool acme_atpx_present_ok(void)
{
	struct pci_dev *pdev = NULL;

	while ((pdev = pci_get_base_class(0x03, pdev))) {
		if (acme_has_handle(pdev)) {
			pci_dev_put(pdev);
			return true;
		}
	}
	return false;
}
