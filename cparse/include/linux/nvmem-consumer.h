/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: NVMEM cells and devices */
#ifndef _PCSLINT_LINUX_NVMEM_CONSUMER_H
#define _PCSLINT_LINUX_NVMEM_CONSUMER_H

#include <linux/types.h>

struct device;
struct nvmem_cell;
struct nvmem_device;

struct nvmem_cell *nvmem_cell_get(struct device *dev, const char *id);
struct nvmem_cell *devm_nvmem_cell_get(struct device *dev, const char *id);
void nvmem_cell_put(struct nvmem_cell *cell);
void *nvmem_cell_read(struct nvmem_cell *cell, size_t *len);
struct nvmem_device *nvmem_device_get(struct device *dev, const char *name);
void nvmem_device_put(struct nvmem_device *nvmem);

#endif /* _PCSLINT_LINUX_NVMEM_CONSUMER_H */
