"""Make the demo's stand-in for the sign-language recording: demo/content/media/pjm_demo.webm.

No one can sign in a generated video, so the demo does not pretend: the file is a short WebM
(VP8, no sound) of title cards saying that the recording with a PJM interpreter is being
prepared, timed to the demo captions (demo/content/media/pjm_pl.vtt). It lets the sign-language
page, its player and its captions track work end to end until the real recording is uploaded.

Not part of the site's code and not run by the loader: the committed file is its output. Run it
with PyAV and Pillow installed in any virtual environment (they are not the project's
dependencies):  python -m venv /tmp/av && /tmp/av/bin/pip install av pillow &&
/tmp/av/bin/python scripts/make_demo_sign_video.py
"""

from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "demo" / "content" / "media" / "pjm_demo.webm"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WIDTH, HEIGHT, FPS = 640, 360, 10
# (seconds, lines): the same timing as the cues of pjm_pl.vtt and pjm_en.vtt.
CARDS = [
    (4, ["Program MWF", "Polski język migowy", "Polish Sign Language"]),
    (4, ["Nagranie demonstracyjne", "Demonstration recording"]),
    (
        4,
        [
            "Nagranie z tłumaczem PJM",
            "jest w przygotowaniu.",
            "A PJM interpreter's recording",
            "is being prepared.",
        ],
    ),
    (4, ["Tekst nagrania jest pod filmem.", "The transcript is below the video."]),
]


def card(lines):
    image = Image.new("RGB", (WIDTH, HEIGHT), (11, 79, 138))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    heights = [draw.textbbox((0, 0), line, font=font)[3] + 14 for line in lines]
    y = (HEIGHT - sum(heights)) // 2
    for line, height in zip(lines, heights, strict=True):
        width = draw.textlength(line, font=font)
        draw.text(((WIDTH - width) / 2, y), line, font=font, fill=(255, 255, 255))
        y += height
    return image


def main():
    with av.open(str(OUT), mode="w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.bit_rate = 150_000
        for seconds, lines in CARDS:
            image = card(lines)
            for _ in range(seconds * FPS):
                frame = av.VideoFrame.from_image(image)
                for packet in stream.encode(frame):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    print(f"{OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
