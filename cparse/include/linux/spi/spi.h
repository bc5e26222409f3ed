/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcslint stub header: SPI devices and drivers (minimal) */
#ifndef _PCSLINT_LINUX_SPI_SPI_H
#define _PCSLINT_LINUX_SPI_SPI_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>

struct device_node;
struct spi_controller;

struct spi_device {
	struct device		dev;
	struct spi_controller	*controller;
	u32			max_speed_hz;
	u8			bits_per_word;
	u32			mode;
	int			irq;
	char			modalias[SPI_NAME_SIZE];
};
#define to_spi_device(__dev)	container_of(__dev, struct spi_device, dev)

struct spi_driver {
	const struct spi_device_id *id_table;
	int			(*probe)(struct spi_device *spi);
	void			(*remove)(struct spi_device *spi);
	void			(*shutdown)(struct spi_device *spi);
	struct device_driver	driver;
};

static inline void *spi_get_drvdata(const struct spi_device *spi)
{
	return dev_get_drvdata(&spi->dev);
}

static inline void spi_set_drvdata(struct spi_device *spi, void *data)
{
	dev_set_drvdata(&spi->dev, data);
}

int __spi_register_driver(struct module *owner, struct spi_driver *sdrv);
#define spi_register_driver(driver) \
	__spi_register_driver(THIS_MODULE, driver)
static inline void spi_unregister_driver(struct spi_driver *sdrv)
{
	if (sdrv)
		driver_unregister(&sdrv->driver);
}

#define module_spi_driver(__spi_driver) \
	module_driver(__spi_driver, spi_register_driver, \
			spi_unregister_driver)

/* a reference on the found device */
struct spi_device *of_find_spi_device_by_node(struct device_node *node);

int spi_write_then_read(struct spi_device *spi, const void *txbuf, unsigned int n_tx,
			void *rxbuf, unsigned int n_rx);

#endif /* _PCSLINT_LINUX_SPI_SPI_H */
