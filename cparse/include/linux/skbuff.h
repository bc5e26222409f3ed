/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: socket buffers (minimal) */
#ifndef _PCSLINT_LINUX_SKBUFF_H
#define _PCSLINT_LINUX_SKBUFF_H

#include <linux/types.h>
#include <linux/gfp.h>

struct net_device;

struct sk_buff {
	struct sk_buff		*next;
	struct sk_buff		*prev;
	struct net_device	*dev;
	unsigned int		len;
	unsigned int		data_len;
	__u16			protocol;
	unsigned char		*head;
	unsigned char		*data;
};

void kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);
void dev_kfree_skb_any(struct sk_buff *skb);
struct sk_buff *alloc_skb(unsigned int size, gfp_t priority);
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);
void *skb_put(struct sk_buff *skb, unsigned int len);

#endif /* _PCSLINT_LINUX_SKBUFF_H */
