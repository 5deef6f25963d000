/** Wire-shape types of the predefined SCO extensions and nested SCO types (spec 6.6.2–6.18.2). */
import type { Dictionary, Hashes, Identifier, Timestamp } from '../common/types.js';

/** 6.7.2 archive-ext */
export interface ArchiveExt {
  readonly contains_refs: readonly Identifier[];
  readonly comment?: string;
}

/** 6.7.3 alternate-data-stream-type */
export interface AlternateDataStream {
  readonly name: string;
  readonly hashes?: Hashes;
  readonly size?: number;
}

/** 6.7.3 ntfs-ext */
export interface NtfsExt {
  readonly sid?: string;
  readonly alternate_data_streams?: readonly AlternateDataStream[];
}

/** 6.7.4 pdf-ext */
export interface PdfExt {
  readonly version?: string;
  readonly is_optimized?: boolean;
  readonly document_info_dict?: Readonly<Record<string, string>>;
  readonly pdfid0?: string;
  readonly pdfid1?: string;
}

/** 6.7.5 raster-image-ext */
export interface RasterImageExt {
  readonly image_height?: number;
  readonly image_width?: number;
  readonly bits_per_pixel?: number;
  readonly exif_tags?: Readonly<Record<string, string | number>>;
}

/** 6.7.6 windows-pe-optional-header-type (numeric fields as in the spec table). */
export interface WindowsPeOptionalHeader {
  readonly [property: string]: string | number | Hashes | undefined;
  readonly magic_hex?: string;
  readonly hashes?: Hashes;
}

/** 6.7.6 windows-pe-section-type */
export interface WindowsPeSection {
  readonly name: string;
  readonly size?: number;
  readonly entropy?: number;
  readonly hashes?: Hashes;
}

/** 6.7.6 windows-pebinary-ext */
export interface WindowsPeBinaryExt {
  readonly pe_type: string;
  readonly imphash?: string;
  readonly machine_hex?: string;
  readonly number_of_sections?: number;
  readonly time_date_stamp?: Timestamp;
  readonly pointer_to_symbol_table_hex?: string;
  readonly number_of_symbols?: number;
  readonly size_of_optional_header?: number;
  readonly characteristics_hex?: string;
  readonly file_header_hashes?: Hashes;
  readonly optional_header?: WindowsPeOptionalHeader;
  readonly sections?: readonly WindowsPeSection[];
}

/** 6.12.2 http-request-ext */
export interface HttpRequestExt {
  readonly request_method: string;
  readonly request_value: string;
  readonly request_version?: string;
  readonly request_header?: Readonly<Record<string, readonly string[]>>;
  readonly message_body_length?: number;
  readonly message_body_data_ref?: Identifier;
}

/** 6.12.3 icmp-ext */
export interface IcmpExt {
  readonly icmp_type_hex: string;
  readonly icmp_code_hex: string;
}

/** 6.12.4 socket-ext */
export interface SocketExt {
  readonly address_family: string;
  readonly is_blocking?: boolean;
  readonly is_listening?: boolean;
  readonly options?: Readonly<Record<string, number>>;
  readonly socket_type?: string;
  readonly socket_descriptor?: number;
  readonly socket_handle?: number;
}

/** 6.12.5 tcp-ext */
export interface TcpExt {
  readonly src_flags_hex?: string;
  readonly dst_flags_hex?: string;
}

/** 6.13.2 windows-process-ext */
export interface WindowsProcessExt {
  readonly aslr_enabled?: boolean;
  readonly dep_enabled?: boolean;
  readonly priority?: string;
  readonly owner_sid?: string;
  readonly windows_title?: string;
  readonly startup_info?: Dictionary;
  readonly integrity_level?: 'low' | 'medium' | 'high' | 'system';
}

/** 6.13.3 windows-service-ext */
export interface WindowsServiceExt {
  readonly service_name?: string;
  readonly descriptions?: readonly string[];
  readonly display_name?: string;
  readonly group_name?: string;
  readonly start_type?: string;
  readonly service_dll_refs?: readonly Identifier[];
  readonly service_type?: string;
  readonly service_status?: string;
}

/** 6.16.2 unix-account-ext */
export interface UnixAccountExt {
  readonly gid?: number;
  readonly groups?: readonly string[];
  readonly home_dir?: string;
  readonly shell?: string;
}

/** 6.6.2 email-mime-part-type */
export interface EmailMimePart {
  readonly body?: string;
  readonly body_raw_ref?: Identifier;
  readonly content_type?: string;
  readonly content_disposition?: string;
}

/** 6.17.2 windows-registry-value-type */
export interface WindowsRegistryValue {
  readonly name?: string;
  readonly data?: string;
  readonly data_type?: string;
}

/** 6.18.2 x509-v3-extensions-type */
export interface X509V3Extensions {
  readonly [property: string]: string | undefined;
}
