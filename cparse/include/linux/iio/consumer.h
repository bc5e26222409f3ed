/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: IIO channels of a consumer */
#ifndef _PCSLINT_LINUX_IIO_CONSUMER_H
#define _PCSLINT_LINUX_IIO_CONSUMER_H

struct device;
struct iio_channel;

struct iio_channel *iio_channel_get(struct device *dev,
				    const char *consumer_channel);
void iio_channel_release(struct iio_channel *chan);
struct iio_channel *devm_iio_channel_get(struct device *dev,
					 const char *consumer_channel);

#endif /* _PCSLINT_LINUX_IIO_CONSUMER_H */
