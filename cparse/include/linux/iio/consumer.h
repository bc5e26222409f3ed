/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: iio/consumer (minimal, signatures as in 6.12) */
#ifndef _PCSLINT_LINUX_IIO_CONSUMER_H
#define _PCSLINT_LINUX_IIO_CONSUMER_H

#include <linux/types.h>
#include <linux/compiler.h>

struct device;
struct iio_channel;

struct iio_channel *iio_channel_get(struct device *dev, const char *consumer_channel);
void iio_channel_release(struct iio_channel *chan);
struct iio_channel *devm_iio_channel_get(struct device *dev, const char *consumer_channel);

#endif
