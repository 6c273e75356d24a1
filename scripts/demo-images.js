// Draws the demo data's images (run by hand after changing the demo experts): an abstract
// portrait for each expert given, and a share card with the logo's mark. Nothing is downloaded: each
// picture is an SVG drawn from the expert's id and rasterized by sharp.
//   node scripts/demo-images.js <data folder> <expert id>...
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const [dataDir, ...ids] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: node scripts/demo-images.js <data folder> <expert id>...');

/** Numbers from 0 to 1 drawn from the id: the same id always gives the same portrait. */
function numbers(id) {
  const bytes = createHash('sha256').update(id).digest();
  return Array.from(bytes, (byte) => byte / 255);
}

function portrait(id) {
  const [a, b, c, d, e, f] = numbers(id);
  const hue = Math.round(a * 360);
  const skin = [`hsl(28,45%,${62 + b * 18}%)`, `hsl(24,40%,${38 + b * 16}%)`, `hsl(32,50%,${70 + b * 12}%)`][Math.floor(c * 3)];
  const hair = `hsl(${Math.round(20 + d * 30)},${Math.round(20 + e * 40)}%,${Math.round(12 + f * 45)}%)`;
  const coat = `hsl(${(hue + 180) % 360},35%,${Math.round(28 + e * 20)}%)`;
  const headX = 300 + (d - 0.5) * 30;
  const headR = 112 + b * 20;
  const longHair = c > 0.5;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="750" viewBox="0 0 600 750">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,84%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},40%,64%)"/></linearGradient></defs>
<rect width="600" height="750" fill="url(#bg)"/>
<circle cx="${480 - a * 60}" cy="${130 + f * 80}" r="${90 + e * 60}" fill="hsl(${(hue + 20) % 360},50%,90%)" opacity=".45"/>
${longHair ? `<path d="M${headX - headR - 30} 330 Q${headX - headR - 40} ${300 - headR * 1.2} ${headX} ${300 - headR - 30} Q${headX + headR + 40} ${300 - headR * 1.2} ${headX + headR + 30} 330 L${headX + headR + 45} 560 L${headX - headR - 45} 560 Z" fill="${hair}"/>` : ''}
<path d="M60 750 Q80 560 ${headX} 540 Q520 560 540 750 Z" fill="${coat}"/>
<path d="M${headX - 40} 520 L${headX + 40} 520 L${headX + 34} 600 L${headX - 34} 600 Z" fill="${skin}"/>
<circle cx="${headX}" cy="330" r="${headR}" fill="${skin}"/>
<path d="M${headX - headR} 320 Q${headX - headR} ${330 - headR * 1.25} ${headX} ${330 - headR - 8} Q${headX + headR} ${330 - headR * 1.25} ${headX + headR} 320 Q${headX + headR * 0.6} ${330 - headR * 0.55} ${headX} ${330 - headR * 0.7} Q${headX - headR * 0.6} ${330 - headR * 0.55} ${headX - headR} 320 Z" fill="${hair}"/>
<path d="M${headX - 70} 720 L${headX} 600 L${headX + 70} 720" fill="none" stroke="hsl(0,0%,96%)" stroke-width="14" opacity=".8"/>
</svg>`;
}

mkdirSync(join(dataDir, 'photos'), { recursive: true });
for (const id of ids) {
  await sharp(Buffer.from(portrait(id))).jpeg({ quality: 82, mozjpeg: true }).toFile(join(dataDir, 'photos', `${id}.jpg`));
}

// The share card: the logo's mark, large, on the brand's colour (drawn here: the logo's words
// would need fonts that sharp may not have).
const card = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#f4f7fb"/><rect y="560" width="1200" height="70" fill="#0f6b5c"/>
<circle cx="1040" cy="110" r="220" fill="#0f6b5c" opacity=".08"/><circle cx="140" cy="520" r="160" fill="#0f6b5c" opacity=".08"/>
<g transform="translate(456 150) scale(6)"><path d="M6 4h36a6 6 0 0 1 6 6v22a6 6 0 0 1-6 6H22l-10 8v-8H6a6 6 0 0 1-6-6V10a6 6 0 0 1 6-6z" fill="#0f6b5c"/><path d="M20 12h8v7h7v8h-7v7h-8v-7h-7v-8h7z" fill="#fff"/></g>
</svg>`;
await sharp(Buffer.from(card)).jpeg({ quality: 85, mozjpeg: true }).toFile(join(dataDir, 'share.jpg'));
