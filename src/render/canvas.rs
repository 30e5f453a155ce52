//! The drawing surface haven's pictures share (the `/streak` heatmap, the `/pulse` chart): an
//! RGB buffer embedded-graphics draws into, encoded as an indexed PNG.

use embedded_graphics::{pixelcolor::Rgb888, prelude::*};

pub(super) fn rgb([r, g, b]: [u8; 3]) -> Rgb888 {
    Rgb888::new(r, g, b)
}

pub(super) fn point(x: u32, y: u32) -> Point {
    // Every coordinate lies inside the image, far below i32::MAX.
    Point::new(x as i32, y as i32)
}

pub(super) fn draw<D: Drawable<Color = Rgb888>>(item: &D, canvas: &mut Canvas) {
    let Ok(_) = item.draw(canvas);
}

/// An RGB pixel buffer of one picture's size that embedded-graphics draws into.
pub(super) struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<[u8; 3]>,
}

impl Canvas {
    pub(super) fn new(width: u32, height: u32, background: [u8; 3]) -> Self {
        Canvas {
            width,
            height,
            pixels: vec![background; (width * height) as usize],
        }
    }
}

impl OriginDimensions for Canvas {
    fn size(&self) -> Size {
        Size::new(self.width, self.height)
    }
}

impl DrawTarget for Canvas {
    type Color = Rgb888;
    type Error = std::convert::Infallible;

    fn draw_iter<I>(&mut self, pixels: I) -> Result<(), Self::Error>
    where
        I: IntoIterator<Item = Pixel<Self::Color>>,
    {
        for Pixel(at, colour) in pixels {
            let (Ok(x), Ok(y)) = (u32::try_from(at.x), u32::try_from(at.y)) else {
                continue;
            };
            if x < self.width && y < self.height {
                self.pixels[(y * self.width + x) as usize] = [colour.r(), colour.g(), colour.b()];
            }
        }
        Ok(())
    }
}

/// Encodes the canvas as an indexed PNG (palette in order of first appearance), or as RGB should
/// it ever hold more than 256 colours.
pub(super) fn encode(canvas: &Canvas) -> Vec<u8> {
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut indices = Vec::with_capacity(canvas.pixels.len());
    for pixel in &canvas.pixels {
        let index = match palette.iter().position(|known| known == pixel) {
            Some(index) => index,
            None => {
                palette.push(*pixel);
                palette.len() - 1
            }
        };
        indices.push(index);
    }

    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, canvas.width, canvas.height);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let data: Vec<u8> = if palette.len() <= 256 {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette.concat());
        indices.iter().map(|&index| index as u8).collect()
    } else {
        encoder.set_color(png::ColorType::Rgb);
        canvas.pixels.concat()
    };
    let mut writer = encoder
        .write_header()
        .expect("a PNG header for a fixed valid size encodes into memory");
    writer
        .write_image_data(&data)
        .expect("image data of the declared size encodes into memory");
    writer
        .finish()
        .expect("a complete PNG finishes into memory");
    out
}
