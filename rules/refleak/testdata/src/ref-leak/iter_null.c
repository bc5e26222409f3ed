// ref-leak: a loop whose condition is "the iterator returned non-NULL"
// exits normally only when the iterator returned NULL, and the iterator
// dropped the previous reference when it did: nothing is held after the
// loop. Reduced from emac_make_bootlist() (ibm/emac/core.c) and
// s2io_on_nec_bridge() (neterion/s2io.c).
#include <linux/module.h>
#include <linux/of.h>
#include <linux/pci.h>

#define acme_for_each_pci_dev(d) while ((d = pci_get_device(~0, ~0, d)) != NULL)

extern const struct of_device_id acme_match[];
struct device_node *acme_list[4];

/* exits on NULL, or breaks after putting np */
static void acme_make_list(void)
{
	struct device_node *np = NULL;
	int i = 0;

	while ((np = of_find_all_nodes(np)) != NULL) {
		if (of_match_node(acme_match, np) == NULL)
			continue;
		acme_list[i++] = of_node_get(np);
		if (i >= 4) {
			of_node_put(np);
			break;
		}
	}
}

static int acme_on_bridge(struct pci_dev *pdev)
{
	struct pci_dev *tdev = NULL;

	acme_for_each_pci_dev(tdev) {
		if (tdev->vendor == 0x1033 && tdev->bus == pdev->bus) {
			pci_dev_put(tdev);
			return 1;
		}
	}
	return 0;
}

/* bad twins: the early exits keep the reference */
static int acme_on_bridge_leaks(struct pci_dev *pdev)
{
	struct pci_dev *tdev = NULL;

	acme_for_each_pci_dev(tdev) {
		if (tdev->vendor == 0x1033 && tdev->bus == pdev->bus)
			return 1; /* want "leaks" */
	}
	return 0;
}

static int acme_make_list_breaks(void)
{
	struct device_node *np = NULL;
	int i = 0;

	while ((np = of_find_all_nodes(np)) != NULL) {
		if (of_match_node(acme_match, np) == NULL)
			continue;
		if (++i >= 4)
			break;
	}
	return i; /* want "leaks" */
}
