import { type FormInstance, Modal, type ModalProps } from 'antd';

/**
 * A modal around a form (the caller's `<Form form={form}>` among its children): OK validates the form and hands its
 * values to `onOk` — usually a mutation whose success closes the modal; OK spins while `pending`. Cancel closes it.
 * Where Enter in a field should submit too, give the form `onFinish={theSameOnOk}`.
 */
export function FormModal<V>({
  form,
  pending,
  onOk,
  onClose,
  children,
  ...modal
}: Omit<ModalProps, 'open' | 'onOk' | 'onCancel' | 'confirmLoading'> & {
  form: FormInstance<V>;
  pending: boolean;
  onOk: (values: V) => void;
  onClose: () => void;
}) {
  return (
    <Modal {...modal} open onCancel={onClose} confirmLoading={pending} onOk={() => void form.validateFields().then(onOk)}>
      {children}
    </Modal>
  );
}
