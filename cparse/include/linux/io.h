/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: memory-mapped I/O */
#ifndef _PCSLINT_LINUX_IO_H
#define _PCSLINT_LINUX_IO_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/err.h>
#include <linux/ioport.h>

struct device;

u8 readb(const volatile void __iomem *addr);
u16 readw(const volatile void __iomem *addr);
u32 readl(const volatile void __iomem *addr);
u64 readq(const volatile void __iomem *addr);
void writeb(u8 value, volatile void __iomem *addr);
void writew(u16 value, volatile void __iomem *addr);
void writel(u32 value, volatile void __iomem *addr);
void writeq(u64 value, volatile void __iomem *addr);

#define readl_relaxed(c)	readl(c)
#define writel_relaxed(v, c)	writel(v, c)
#define ioread32(c)		readl(c)
#define iowrite32(v, c)		writel(v, c)

void __iomem *ioremap(phys_addr_t offset, size_t size);
void iounmap(volatile void __iomem *addr);

void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size);
void __iomem *devm_ioremap_resource(struct device *dev,
				    const struct resource *res);
void devm_iounmap(struct device *dev, void __iomem *addr);

void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			     resource_size_t size);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			     resource_size_t size);

#endif /* _PCSLINT_LINUX_IO_H */
