/** Property tables of the predefined SCO extensions (spec 6.7.2–6.7.6, 6.12.2–6.12.5, 6.13.2–6.13.3, 6.16.2). */
import { dictionary, list, nested } from '../checks/collections.js';
import { hashes } from '../checks/hashes.js';
import { boolean, float, hex, integer, string } from '../checks/primitives.js';
import { refsTo, refTo } from '../checks/refs.js';
import { timestamp } from '../checks/timestamp.js';
import { vocab } from '../checks/vocab.js';
import { type Check, jsonType, opt, req } from '../validate/context.js';

const nonNegative = (section: string): Check => integer({ min: 0, section });

const intOrString: Check = (value, path, ctx) => {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
    ctx.error('STIX_WRONG_TYPE', path, `must be an integer or a string, not ${jsonType(value)}`, '6.7.5');
  }
};

const alternateDataStream = nested(
  { name: req(string()), hashes: opt(hashes()), size: opt(nonNegative('6.7.3')) },
  { name: 'alternate-data-stream-type', section: '6.7.3' },
);

const peOptionalHeader = nested(
  {
    magic_hex: opt(hex()),
    major_linker_version: opt(integer()),
    minor_linker_version: opt(integer()),
    size_of_code: opt(nonNegative('6.7.6')),
    size_of_initialized_data: opt(nonNegative('6.7.6')),
    size_of_uninitialized_data: opt(nonNegative('6.7.6')),
    address_of_entry_point: opt(integer()),
    base_of_code: opt(integer()),
    base_of_data: opt(integer()),
    image_base: opt(integer()),
    section_alignment: opt(integer()),
    file_alignment: opt(integer()),
    major_os_version: opt(integer()),
    minor_os_version: opt(integer()),
    major_image_version: opt(integer()),
    minor_image_version: opt(integer()),
    major_subsystem_version: opt(integer()),
    minor_subsystem_version: opt(integer()),
    win32_version_value_hex: opt(hex()),
    size_of_image: opt(nonNegative('6.7.6')),
    size_of_headers: opt(nonNegative('6.7.6')),
    checksum_hex: opt(hex()),
    subsystem_hex: opt(hex()),
    dll_characteristics_hex: opt(hex()),
    size_of_stack_reserve: opt(nonNegative('6.7.6')),
    size_of_stack_commit: opt(nonNegative('6.7.6')),
    size_of_heap_reserve: opt(nonNegative('6.7.6')),
    size_of_heap_commit: opt(nonNegative('6.7.6')),
    loader_flags_hex: opt(hex()),
    number_of_rva_and_sizes: opt(integer()),
    hashes: opt(hashes()),
  },
  { name: 'windows-pe-optional-header-type', section: '6.7.6', atLeastOne: true },
);

const peSection = nested(
  { name: req(string()), size: opt(nonNegative('6.7.6')), entropy: opt(float()), hashes: opt(hashes()) },
  { name: 'windows-pe-section-type', section: '6.7.6' },
);

const listOfStrings: Check = list(string());

// 6.7.4: keys SHOULD be the entries of the document information dictionary (ISO 32000-1 14.3.3),
// case preserved, without the leading slash.
const PDF_INFO_KEYS: ReadonlySet<string> = new Set([
  'Title',
  'Author',
  'Subject',
  'Keywords',
  'Creator',
  'Producer',
  'CreationDate',
  'ModDate',
  'Trapped',
]);

/** Each predefined extension name → the check of its content. */
export const PREDEFINED_EXTENSIONS: Readonly<Record<string, Check>> = {
  'archive-ext': nested(
    { contains_refs: req(refsTo('6.7.2', 'file', 'directory')), comment: opt(string()) },
    { name: 'archive-ext extension', section: '6.7.2' },
  ),
  'ntfs-ext': nested(
    { sid: opt(string()), alternate_data_streams: opt(list(alternateDataStream)) },
    { name: 'ntfs-ext extension', section: '6.7.3', atLeastOne: true },
  ),
  'pdf-ext': nested(
    {
      version: opt(string()),
      is_optimized: opt(boolean()),
      document_info_dict: opt(dictionary(string())),
      pdfid0: opt(string()),
      pdfid1: opt(string()),
    },
    {
      name: 'pdf-ext extension',
      section: '6.7.4',
      atLeastOne: true,
      hook: (ext, path, ctx) => {
        const info = ext.document_info_dict;
        if (typeof info !== 'object' || info === null) return;
        for (const key of Object.keys(info)) {
          if (PDF_INFO_KEYS.has(key)) continue;
          ctx.warn(
            'STIX_INVALID_KEY',
            `${path}/document_info_dict/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
            `"${key}" is not an entry of the PDF document information dictionary (${[...PDF_INFO_KEYS].join(', ')})`,
            '6.7.4',
          );
        }
      },
    },
  ),
  'raster-image-ext': nested(
    {
      image_height: opt(integer()),
      image_width: opt(integer()),
      bits_per_pixel: opt(integer()),
      exif_tags: opt(dictionary(intOrString)),
    },
    { name: 'raster-image-ext extension', section: '6.7.5', atLeastOne: true },
  ),
  'windows-pebinary-ext': nested(
    {
      pe_type: req(vocab('windows-pebinary-type-ov')),
      imphash: opt(string()),
      machine_hex: opt(hex()),
      number_of_sections: opt(nonNegative('6.7.6')),
      time_date_stamp: opt(timestamp('second', '6.7.6')),
      pointer_to_symbol_table_hex: opt(hex()),
      number_of_symbols: opt(nonNegative('6.7.6')),
      size_of_optional_header: opt(nonNegative('6.7.6')),
      characteristics_hex: opt(hex()),
      file_header_hashes: opt(hashes()),
      optional_header: opt(peOptionalHeader),
      sections: opt(list(peSection)),
    },
    {
      name: 'windows-pebinary-ext extension',
      section: '6.7.6',
      hook: (ext, path, ctx) => {
        if (Object.keys(ext).every((k) => k === 'pe_type')) {
          ctx.error(
            'STIX_AT_LEAST_ONE',
            path,
            'windows-pebinary-ext needs at least one property besides pe_type',
            '6.7.6',
          );
        }
      },
    },
  ),
  'http-request-ext': nested(
    {
      request_method: req(string()),
      request_value: req(string()),
      request_version: opt(string()),
      request_header: opt(dictionary(listOfStrings)),
      message_body_length: opt(nonNegative('6.12.2')),
      message_body_data_ref: opt(refTo('6.12.2', 'artifact')),
    },
    { name: 'http-request-ext extension', section: '6.12.2' },
  ),
  'icmp-ext': nested(
    { icmp_type_hex: req(hex()), icmp_code_hex: req(hex()) },
    { name: 'icmp-ext extension', section: '6.12.3' },
  ),
  'socket-ext': nested(
    {
      address_family: req(vocab('network-socket-address-family-enum')),
      is_blocking: opt(boolean()),
      is_listening: opt(boolean()),
      options: opt(dictionary(integer())),
      socket_type: opt(vocab('network-socket-type-enum')),
      socket_descriptor: opt(nonNegative('6.12.4')),
      socket_handle: opt(integer()),
    },
    { name: 'socket-ext extension', section: '6.12.4' },
  ),
  'tcp-ext': nested(
    { src_flags_hex: opt(hex()), dst_flags_hex: opt(hex()) },
    { name: 'tcp-ext extension', section: '6.12.5', atLeastOne: true },
  ),
  'windows-process-ext': nested(
    {
      aslr_enabled: opt(boolean()),
      dep_enabled: opt(boolean()),
      priority: opt(string()),
      owner_sid: opt(string()),
      windows_title: opt(string()),
      startup_info: opt(dictionary()),
      integrity_level: opt(vocab('windows-integrity-level-enum')),
    },
    {
      name: 'windows-process-ext extension',
      section: '6.13.2',
      atLeastOne: true,
      hook: (ext, path, ctx) => {
        if (typeof ext.priority === 'string' && !ext.priority.endsWith('_CLASS')) {
          ctx.warn(
            'STIX_INVALID_VALUE',
            `${path}/priority`,
            'priority should be a Windows priority class ending in _CLASS',
            '6.13.2',
          );
        }
      },
    },
  ),
  'windows-service-ext': nested(
    {
      service_name: opt(string()),
      descriptions: opt(listOfStrings),
      display_name: opt(string()),
      group_name: opt(string()),
      start_type: opt(vocab('windows-service-start-type-enum')),
      service_dll_refs: opt(refsTo('6.13.3', 'file')),
      service_type: opt(vocab('windows-service-type-enum')),
      service_status: opt(vocab('windows-service-status-enum')),
    },
    { name: 'windows-service-ext extension', section: '6.13.3', atLeastOne: true },
  ),
  'unix-account-ext': nested(
    { gid: opt(integer()), groups: opt(listOfStrings), home_dir: opt(string()), shell: opt(string()) },
    { name: 'unix-account-ext extension', section: '6.16.2', atLeastOne: true },
  ),
};
