/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: DMA channels */
#ifndef _PCSLINT_LINUX_DMAENGINE_H
#define _PCSLINT_LINUX_DMAENGINE_H

struct device;
struct dma_chan;

struct dma_chan *dma_request_chan(struct device *dev, const char *name);
void dma_release_channel(struct dma_chan *chan);

#endif /* _PCSLINT_LINUX_DMAENGINE_H */
