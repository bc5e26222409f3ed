/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: I/O and memory resources */
#ifndef _PCSLINT_LINUX_IOPORT_H
#define _PCSLINT_LINUX_IOPORT_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/bits.h>

struct device;

struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_BITS		0x000000ff
#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_REG		0x00000300
#define IORESOURCE_IRQ		0x00000400
#define IORESOURCE_DMA		0x00000800
#define IORESOURCE_BUS		0x00001000
#define IORESOURCE_BUSY		0x80000000

#define DEFINE_RES_NAMED(_start, _size, _name, _flags)			\
	(struct resource) {						\
		.start = (_start),					\
		.end = (_start) + (_size) - 1,				\
		.name = (_name),					\
		.flags = (_flags),					\
		.desc = 0,						\
	}
#define DEFINE_RES_MEM(_start, _size)	DEFINE_RES_NAMED((_start), (_size), NULL, IORESOURCE_MEM)

extern struct resource ioport_resource;
extern struct resource iomem_resource;

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

struct resource *__request_region(struct resource *parent,
				  resource_size_t start, resource_size_t n,
				  const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start,
		      resource_size_t n);

#define request_region(start, n, name)	__request_region(&ioport_resource, (start), (n), (name), 0)
#define request_mem_region(start, n, name) __request_region(&iomem_resource, (start), (n), (name), 0)
#define release_region(start, n)	__release_region(&ioport_resource, (start), (n))
#define release_mem_region(start, n)	__release_region(&iomem_resource, (start), (n))

/* managed: released at unbind */
struct resource *__devm_request_region(struct device *dev,
				       struct resource *parent, resource_size_t start,
				       resource_size_t n, const char *name);
#define devm_request_region(dev, start, n, name) \
	__devm_request_region(dev, &ioport_resource, (start), (n), (name))
#define devm_request_mem_region(dev, start, n, name) \
	__devm_request_region(dev, &iomem_resource, (start), (n), (name))
void __devm_release_region(struct device *dev, struct resource *parent,
			   resource_size_t start, resource_size_t n);
#define devm_release_region(dev, start, n) \
	__devm_release_region(dev, &ioport_resource, (start), (n))
#define devm_release_mem_region(dev, start, n) \
	__devm_release_region(dev, &iomem_resource, (start), (n))

#endif /* _PCSLINT_LINUX_IOPORT_H */
