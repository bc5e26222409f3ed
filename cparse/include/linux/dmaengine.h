/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: dmaengine (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_DMAENGINE_H
#define _PCSLINT_LINUX_DMAENGINE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;
struct dma_chan;

struct dma_chan *dma_request_chan(struct device *dev, const char *name);
void dma_release_channel(struct dma_chan *chan);

#endif
