/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: PCI devices (lookups and their references, BAR mappings) */
#ifndef _PCSLINT_LINUX_PCI_H
#define _PCSLINT_LINUX_PCI_H

#include <linux/device.h>
#include <linux/cleanup.h>

struct pci_bus;

struct pci_dev {
	struct pci_bus	*bus;
	unsigned int	devfn;
	unsigned short	vendor;
	unsigned short	device;
	struct device	dev;
};

#define to_pci_dev(n) container_of(n, struct pci_dev, dev)

struct pci_dev *pci_dev_get(struct pci_dev *dev);
void pci_dev_put(struct pci_dev *dev);
DEFINE_FREE(pci_dev_put, struct pci_dev *, if (_T) pci_dev_put(_T))

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
			       struct pci_dev *from);
struct pci_dev *pci_get_subsys(unsigned int vendor, unsigned int device,
			       unsigned int ss_vendor, unsigned int ss_device,
			       struct pci_dev *from);
struct pci_dev *pci_get_slot(struct pci_bus *bus, unsigned int devfn);
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus,
					    unsigned int devfn);
struct pci_dev *pci_get_class(unsigned int class, struct pci_dev *from);
struct pci_dev *pci_get_base_class(unsigned int class, struct pci_dev *from);

extern void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long max);
void __iomem *pcim_iomap(struct pci_dev *pdev, int bar, unsigned long maxlen);

#endif /* _PCSLINT_LINUX_PCI_H */
