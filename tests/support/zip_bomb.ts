import { crc32, deflateRawSync } from 'node:zlib'

/** A zip entry: its name and its contents (the parts are joined, `repeat` times the middle one). */
interface Entry {
  name: string
  head?: string
  body?: string
  repeat?: number
  tail?: string
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/**
 * An XLSX of a few hundred kilobytes whose shared strings unpack to `megabytes` MB (a zip bomb):
 * one sheet, one cell. Built here rather than kept as a binary fixture.
 */
export function xlsxZipBomb(megabytes: number): Buffer {
  const block = `<si><t>${'a'.repeat(1000)}</t></si>`.repeat(1000)
  return zip([
    {
      name: '[Content_Types].xml',
      body: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      body: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      body: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      body: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: 'xl/sharedStrings.xml',
      head: `${XML}<sst xmlns="${MAIN}">`,
      body: block,
      repeat: Math.ceil((megabytes * 2 ** 20) / block.length),
      tail: '</sst>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      body: `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    },
  ])
}

/** A plain zip (deflate, no zip64: every entry under 4 GB). */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const parts = [entry.head ?? '', entry.body ?? '', entry.tail ?? ''].map((p) => Buffer.from(p))
    const repeat = entry.repeat ?? 1
    const size = parts[0].length + parts[1].length * repeat + parts[2].length
    const content = Buffer.concat([parts[0], ...Array(repeat).fill(parts[1]), parts[2]])
    const data = deflateRawSync(content, { level: 9 })
    const name = Buffer.from(entry.name)
    const crc = crc32(content)
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at) // version needed
      header.writeUInt16LE(0, at + 2) // flags
      header.writeUInt16LE(8, at + 4) // deflate
      header.writeUInt32LE(0, at + 6) // time, date
      header.writeUInt32LE(crc, at + 10)
      header.writeUInt32LE(data.length, at + 14)
      header.writeUInt32LE(size, at + 18)
      header.writeUInt16LE(name.length, at + 22)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    fields(local, 4)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    fields(central, 6)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
